package io.writebackbatch.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dependency directions the codebase keeps (see docs/design/architecture.md). */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.writebackbatch");

	private static final String FAILURE = "io.writebackbatch.failure..";

	private static final List<String> STEPS = List.of("inventory", "plan", "setting", "audit", "apply", "report",
			"changecontrol");

	@Test
	void onlyTheGraphAdapterKnowsTheGraphSdkAndAzureIdentity() {
		noClasses().that()
			.resideOutsideOfPackages("io.writebackbatch.graph..", "io.writebackbatch.simulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.microsoft.graph..", "com.microsoft.kiota..", "com.azure..")
			.check(MAIN);
	}

	/**
	 * One road to Graph: only graph/gateway builds requests with the SDK's request
	 * builders, sends them (the request adapter, OkHttp) or reads the SDK's batch
	 * content; everything else asks the gateway, which judges every answer the same way.
	 */
	@Test
	void onlyTheGatewayBuildsOrSendsGraphRequests() {
		ONLY_THE_GATEWAY_SENDS.check(MAIN);
	}

	static final ArchRule ONLY_THE_GATEWAY_SENDS = noClasses().that()
		.resideOutsideOfPackage("io.writebackbatch.graph.gateway..")
		.should()
		.callCodeUnitWhere(JavaCall.Predicates.target(GraphRequestSending.TARGET))
		.because("every Graph request goes through graph/gateway (docs/design/graph-answers.md)");

	@Test
	void theSimulatorKnowsNothingOfTheJob() {
		classes().that()
			.resideInAPackage("io.writebackbatch.simulator..")
			.should()
			.onlyDependOnClassesThat(
					resideInAPackage("io.writebackbatch.simulator..").or(resideOutsideOfPackage("io.writebackbatch..")))
			.check(MAIN);
	}

	@Test
	void onlyTheSimulateAndDemoCommandsJoinTheJobAndTheSimulator() {
		noClasses().that()
			.resideOutsideOfPackage("io.writebackbatch.simulator..")
			.and()
			.doNotHaveSimpleName("SimulateCommand")
			.and()
			.doNotHaveSimpleName("DemoCommand")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.writebackbatch.simulator..")
			.check(MAIN);
	}

	@Test
	void stepsAndServicesNeverReachUpIntoTheCommandLine() {
		noClasses().that()
			.resideOutsideOfPackage("io.writebackbatch.cli..")
			.and()
			.doNotHaveSimpleName("WritebackBatchApplication")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.writebackbatch.cli..")
			.check(MAIN);
	}

	@Test
	void theDefinitionIsPlainData() {
		noClasses().that()
			.resideInAPackage("io.writebackbatch.definition..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.writebackbatch.graph..", "io.writebackbatch.staging..", "io.writebackbatch.runs..")
			.check(MAIN);
	}

	@Test
	void theDomainImportsNothingOfTheProject() {
		classes().that()
			.resideInAPackage("io.writebackbatch.domain..")
			.should()
			.onlyDependOnClassesThat(
					resideInAPackage("io.writebackbatch.domain..").or(resideOutsideOfPackage("io.writebackbatch..")))
			.check(MAIN);
	}

	@Test
	void stagingAndTheGraphAdapterDoNotKnowEachOther() {
		noClasses().that()
			.resideInAPackage("io.writebackbatch.staging..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.writebackbatch.graph..")
			.check(MAIN);
		noClasses().that()
			.resideInAPackage("io.writebackbatch.graph..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.writebackbatch.staging..")
			.check(MAIN);
	}

	/**
	 * Each step is its own package: it gets run facts from the RunContext, never from
	 * another step.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "inventory", "plan", "setting", "audit", "apply", "report", "changecontrol" })
	void aStepImportsNoOtherStep(String step) {
		String[] others = STEPS.stream()
			.filter(other -> !other.equals(step))
			.map(other -> "io.writebackbatch." + other + "..")
			.toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("io.writebackbatch." + step + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.check(MAIN);
	}

	/**
	 * The run's facts come from the RunContext, loaded once per run, not from job
	 * parameters read by name.
	 */
	@Test
	void stepConfigurationsReadNoJobParameters() {
		noClasses().that()
			.haveSimpleNameEndingWith("StepConfiguration")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.batch.core.job.parameters.JobParameters")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.writebackbatch.definition.RunDefinition")
			.check(MAIN);
	}

	@Test
	void topLevelPackagesAreFreeOfCycles() {
		slices().matching("io.writebackbatch.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	/**
	 * One vocabulary for failure: exit codes are numbered only in failure/ (FailureKind),
	 * the process ends only through failure/ProcessExit, no other class is named after
	 * exit codes, and no exception outside failure/ is built from a number instead of a
	 * kind.
	 */
	@Test
	void exitCodesBelongToTheFailureModel() {
		// the simulator is a program of its own (its benchmark's main exits)
		noClasses().that()
			.resideOutsideOfPackages(FAILURE, "io.writebackbatch.simulator..")
			.should()
			.callMethod(System.class, "exit", int.class)
			.orShould()
			.callMethod(Runtime.class, "halt", int.class)
			.orShould()
			.callMethod(Runtime.class, "exit", int.class)
			.check(MAIN);
		noClasses().that().resideOutsideOfPackage(FAILURE).should().haveSimpleNameContaining("ExitCode").check(MAIN);
		noClasses().that()
			.resideOutsideOfPackage(FAILURE)
			.and()
			.areAssignableTo(Throwable.class)
			.should(new ArchCondition<JavaClass>("be built from an exit code and a message (int, String)") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					type.getConstructors()
						.stream()
						.filter(c -> c.getRawParameterTypes().size() == 2
								&& c.getRawParameterTypes().get(0).isEquivalentTo(int.class)
								&& c.getRawParameterTypes().get(1).isEquivalentTo(String.class))
						.forEach(c -> events.add(SimpleConditionEvent.satisfied(c, c.getFullName())));
				}
			})
			.check(MAIN);
	}

}
