package io.writebackbatch.runs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The {@link RunContext} of the running job execution, one per execution ("job" scope,
 * without a proxy: a record cannot be proxied, so it is injected into step-scoped beans
 * or looked up with an {@code ObjectProvider} while a step runs).
 */
@Configuration(proxyBeanMethods = false)
class RunContextConfiguration {

	@Bean
	@Scope("job")
	RunContext runContext(@Value("#{jobExecution}") JobExecution execution) {
		return RunContext.of(execution);
	}

}
