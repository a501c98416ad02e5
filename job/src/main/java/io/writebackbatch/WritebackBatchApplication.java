package io.writebackbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring context of the job; started by the CLI commands that need it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WritebackBatchApplication {

}
