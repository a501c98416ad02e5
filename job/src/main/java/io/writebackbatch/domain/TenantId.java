package io.writebackbatch.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Microsoft Entra tenant id: the GUID a token's {@code tid} claim and
 * {@code GET /organization} name, in lower case.
 */
public record TenantId(String value) {

	private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	public TenantId {
		value = value.strip().toLowerCase(Locale.ROOT);
		if (!GUID.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + Printable.of(value) + "' is not a tenant id: give the tenant's "
					+ "GUID (Entra admin center, Overview, Tenant ID), e.g. 9b1f3c2e-5d4a-4e8b-9c7d-1a2b3c4d5e6f");
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
