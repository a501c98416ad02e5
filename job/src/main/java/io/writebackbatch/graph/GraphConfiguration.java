package io.writebackbatch.graph;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebackbatch.graph.signin.SignInProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

	/**
	 * Lazy: commands that never call Graph (runs, report) must not need a valid Graph
	 * configuration.
	 */
	@Bean
	@Lazy
	GraphConnection graphConnection(GraphProperties properties, GraphCloudProperties cloud, GraphCallProperties call,
			BatchWriteProperties batch, SignInProperties signIn, Environment environment, MeterRegistry meters) {
		return new GraphConnection(properties, cloud, call, batch, signIn, TokenVariables.of(environment), meters);
	}

}
