package io.writebackbatch.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency directions the codebase keeps (see the README's "How it works"). */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.writebackbatch");

	@Test
	void onlyTheGraphAdapterKnowsTheGraphSdkAndAzureIdentity() {
		noClasses().that()
			.resideOutsideOfPackages("io.writebackbatch.graph..", "io.writebackbatch.simulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.microsoft.graph..", "com.microsoft.kiota..", "com.azure..")
			.check(MAIN);
	}

	@Test
	void theSimulatorKnowsNothingOfTheJob() {
		classes().that()
			.resideInAPackage("io.writebackbatch.simulator..")
			.should()
			.onlyDependOnClassesThat(resideInAPackage("io.writebackbatch.simulator..")
				.or(resideOutsideOfPackage("io.writebackbatch..")))
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
}
