package io.writebackbatch.definition;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Loads a run's definition from its job parameters, refusing one that changed since the
 * run started.
 */
public final class RunDefinition {

	/** Job parameter: absolute path of the definition file. */
	public static final String FILE = "definition";

	/** Job parameter: digest of the definition and its id files when the run started. */
	public static final String SHA256 = "definitionSha256";

	private RunDefinition() {
	}

	public static JobDefinition load(JobParameters parameters) {
		String file = parameters.getString(FILE);
		JobDefinition definition = new JobDefinitionLoader().load(Path.of(file));
		if (!definition.sha256().equals(parameters.getString(SHA256))) {
			throw new InvalidDefinitionException(file + " (or an id file it names) changed since this run started; "
					+ "restore it to resume, or start a new run with 'apply --new-run'");
		}
		return definition;
	}

}
