package io.writebackbatch.domain;

/**
 * The tenant a run belongs to: its id and the cloud it lives in (a run is identified by
 * this and its definition's name, never by a file path).
 */
public record Tenant(TenantId id, Cloud cloud) {

	@Override
	public String toString() {
		return id + " (" + cloud.label() + ")";
	}

}
