package io.writebackbatch.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory where {@code <run-id>/} report folders are written (env
 * WRITEBACK_REPORT_DIRECTORY)
 */
@ConfigurationProperties("writeback.report")
public record ReportProperties(@DefaultValue("reports") Path directory) {
}
