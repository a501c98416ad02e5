package io.writebackbatch.definition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.domain.Tenant;

/**
 * Reads and validates a fleet file as strictly as a definition (unknown fields, bad
 * values, YAML a file must not rely on: each refused naming the file, line and field),
 * and loads every definition it names.
 */
public final class FleetLoader {

	/** A fleet file lists tenants, a page or a few: ids in bulk have no place in it. */
	static final long MAX_FLEET_BYTES = 1_000_000L;

	private final StrictYamlReader<FleetDocument> reader = new StrictYamlReader<>(FleetDocument.class,
			Set.of(FleetDocument.class, FleetEntry.class, FleetCredential.class),
			new StrictYamlReader.Kind("fleet file", "see k8s/fleet/fleet.yaml"));

	private final JobDefinitionLoader definitions = new JobDefinitionLoader();

	public Fleet load(Path path) {
		if (path.toString().isBlank()) {
			throw new InvalidDefinitionException("the fleet file path is empty (--fleet \"\": a variable in the "
					+ "command line that is not set?); name the file, e.g. --fleet k8s/fleet/fleet.yaml");
		}
		Path file = path.toAbsolutePath().normalize();
		byte[] bytes = BoundedFile.read(file, "fleet file",
				"check the --fleet path; the example is " + "k8s/fleet/fleet.yaml", MAX_FLEET_BYTES);
		FleetDocument document = reader.read(file, bytes, List.of());
		Map<String, Integer> names = new HashMap<>();
		Map<Tenant, Integer> tenants = new HashMap<>();
		List<Fleet.Member> members = new ArrayList<>();
		for (int i = 0; i < document.tenants().size(); i++) {
			FleetEntry entry = document.tenants().get(i);
			String at = "tenants[" + i + "]";
			Integer sameName = names.putIfAbsent(entry.name(), i);
			if (sameName != null) {
				throw reader.problem(file, bytes, at + ".name", "'" + entry.name() + "' is also the name of tenants["
						+ sameName + "]: give each tenant a name of its own");
			}
			Tenant tenant = new Tenant(entry.id(), entry.tenantCloud());
			Integer sameTenant = tenants.putIfAbsent(tenant, i);
			if (sameTenant != null) {
				throw reader.problem(file, bytes, at + ".tenantId", "tenant " + tenant + " is also tenants["
						+ sameTenant + "]: list each tenant once, with all the definitions it runs");
			}
			members.add(new Fleet.Member(entry.name(), tenant, entry.domain(), entry.credential(),
					definitionsOf(file, bytes, at, entry), entry.schedule()));
		}
		return new Fleet(file, List.copyOf(members));
	}

	/**
	 * The tenant's definitions, loaded as the job loads them: a definition that would be
	 * refused at night is refused here, naming the fleet file's entry too.
	 */
	private List<JobDefinition> definitionsOf(Path file, byte[] bytes, String at, FleetEntry entry) {
		Map<String, Integer> names = new HashMap<>();
		List<JobDefinition> loaded = new ArrayList<>();
		for (int d = 0; d < entry.definitions().size(); d++) {
			String field = at + ".definitions[" + d + "]";
			JobDefinition definition;
			try {
				definition = definitions.load(file.resolveSibling(entry.definitions().get(d)));
			}
			catch (InvalidDefinitionException e) {
				throw reader.problem(file, bytes, field, String.valueOf(e.getMessage()));
			}
			Integer same = names.putIfAbsent(definition.name(), d);
			if (same != null) {
				throw reader.problem(file, bytes, field,
						"its name '" + definition.name() + "' is also the name of " + at + ".definitions[" + same
								+ "]: runs are found by a definition's name, so two "
								+ "definitions of a tenant need different 'name:'s");
			}
			loaded.add(definition);
		}
		return List.copyOf(loaded);
	}

}
