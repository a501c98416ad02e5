package io.writebackbatch.setting;

import io.writebackbatch.graph.DirectorySettings;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.runs.RunContext;
import io.writebackbatch.staging.SettingChangeRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The new-group default: planned after the groups' plan, applied before the groups
 * (Microsoft's order). The service is looked up when a step runs, so commands that never
 * reach Graph need no Graph configuration.
 */
@Configuration(proxyBeanMethods = false)
class NewGroupDefaultStepConfiguration {

	@Bean
	@Lazy
	NewGroupDefault newGroupDefault(GraphConnection graph, SettingChangeRepository changes) {
		return new NewGroupDefault(new DirectorySettings(graph), changes);
	}

	@Bean
	Step newGroupDefaultPlanStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ObjectProvider<NewGroupDefault> newGroupDefault, ObjectProvider<RunContext> runs) {
		return new StepBuilder("newGroupDefaultPlan", jobRepository).tasklet((contribution, context) -> {
			newGroupDefault.getObject().plan(runs.getObject());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step newGroupDefaultApplyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ObjectProvider<NewGroupDefault> newGroupDefault) {
		return new StepBuilder("newGroupDefaultApply", jobRepository).tasklet((contribution, context) -> {
			newGroupDefault.getObject()
				.apply(context.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
