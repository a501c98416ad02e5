package io.writebackbatch.domain;

/** What became of one planned change once Graph answered its PATCH, after retries. */
public enum Outcome {

	/** 204: the group now has the wanted configuration. */
	UPDATED,
	/** 404: the group was deleted since the inventory. */
	NOT_FOUND,
	/** Any other answer, after retries where retrying made sense. */
	FAILED

}
