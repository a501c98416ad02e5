package io.writebackbatch.cli;

import java.nio.file.Path;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.JobDefinitionLoader;
import picocli.CommandLine.Option;

/** The {@code --definition} option shared by the run commands. */
class DefinitionOption {

	@Option(names = { "-d", "--definition" }, required = true, paramLabel = "FILE",
			description = "Job definition (YAML), e.g. jobs/disable-all.yaml")
	Path file;

	JobDefinition load() {
		return new JobDefinitionLoader().load(file);
	}
}
