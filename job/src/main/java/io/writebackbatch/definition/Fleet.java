package io.writebackbatch.definition;

import java.nio.file.Path;
import java.util.List;

import io.writebackbatch.domain.Tenant;
import org.jspecify.annotations.Nullable;

/**
 * The tenants one operator runs, read from a fleet file: each with its definitions loaded
 * (and so validated) as the job would load them.
 */
public record Fleet(Path file, List<Member> tenants) {

	/**
	 * One tenant of the fleet.
	 *
	 * @param name its short name ({@code k8s/tenants/<name>})
	 * @param domain a verified domain, for people; runs are found by the tenant's id
	 */
	public record Member(String name, Tenant tenant, @Nullable String domain, FleetCredential credential,
			List<JobDefinition> definitions, String schedule) {

		/** The name, with the domain when given: {@code contoso (contoso.com)}. */
		public String label() {
			return domain == null ? name : name + " (" + domain + ")";
		}

	}

}
