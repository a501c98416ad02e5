package io.writebackbatch.report;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

/** Where each run's report folder is: {@code <writeback.report.directory>/<run-id>/}. */
@Component
public class ReportLocations {

	private final ReportProperties properties;

	ReportLocations(ReportProperties properties) {
		this.properties = properties;
	}

	public Path directory(long runId) {
		return properties.directory().resolve(Long.toString(runId)).toAbsolutePath().normalize();
	}

}
