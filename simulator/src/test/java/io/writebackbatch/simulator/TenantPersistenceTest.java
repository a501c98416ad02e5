package io.writebackbatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantPersistenceTest {

	@Test
	void generationIsDeterministic() throws Exception {
		Tenant a = Tenant.generate(7, 300, 30, false);
		Tenant b = Tenant.generate(7, 300, 30, false);
		assertThat(a.unifiedGroups()).isEqualTo(b.unifiedGroups());
		assertThat(a.unifiedGroups()).extracting(GroupView::memberCount)
			.anyMatch(n -> n > 250_000)
			.anyMatch(n -> n > 50_000);
		assertThat(a.unifiedGroups()).extracting(GroupView::writebackEnabled).contains(null, true, false);
		assertThat(a.unifiedGroups().get(0).displayName()).matches("[A-Za-z]+ [A-Za-z]+ \\d{4}");
	}

	@Test
	void saveLoadRoundTrip(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("tenant.jsonl");
		SimulatorConfig cfg = SimulatorConfig.builder()
			.token("t")
			.unifiedGroups(200)
			.withGroupUnifiedSetting(true)
			.build();
		String changed;
		try (GraphSimulator sim = GraphSimulator.start(cfg)) {
			changed = sim.tenant().unifiedGroups().get(5).id();
			sim.tenant().setWriteback(changed, true, "universalMailEnabledSecurityGroup");
			sim.tenant().deleteGroup(sim.tenant().unifiedGroups().get(6).id());
			sim.tenant().groupUnifiedSetting(Map.of("NewUnifiedGroupWritebackDefault", "false"));
			sim.tenant().createUnifiedGroup("Saved Custom");
			sim.save(file);
			var before = sim.tenant().unifiedGroups();
			try (GraphSimulator loaded = GraphSimulator
				.start(SimulatorConfig.builder().token("t").tenantFile(file).build())) {
				assertThat(loaded.tenant().unifiedGroups()).isEqualTo(before);
				assertThat(loaded.tenant().group(changed).get().onPremisesGroupType())
					.isEqualTo("universalMailEnabledSecurityGroup");
				assertThat(loaded.tenant().groupUnifiedSetting().get()).containsEntry("NewUnifiedGroupWritebackDefault",
						"false");
			}
		}
	}

}
