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
			throw new IllegalArgumentException("'" + printable(value) + "' is not a tenant id: give the tenant's "
					+ "GUID (Entra admin center, Overview, Tenant ID), e.g. 9b1f3c2e-5d4a-4e8b-9c7d-1a2b3c4d5e6f");
		}
	}

	/** For a message: control characters shown as '?', at most 60 characters. */
	private static String printable(String text) {
		String cut = text.length() > 60 ? text.substring(0, 59) + "…" : text;
		return cut.codePoints()
			.map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	@Override
	public String toString() {
		return value;
	}

}
