package io.writebackbatch.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.writebackbatch.domain.TenantId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an access token says about itself when it is a JWT, as Entra issues Graph's
 * tokens: the tenant it was issued for ({@code tid}), the application permissions granted
 * ({@code roles}) and the delegated ones ({@code scp}). Its signature is not checked:
 * Graph checks it; the job reads its own token only to refuse running against a tenant it
 * was not meant for. A token that is not such a JWT is opaque: the tenant is then asked
 * of Graph ({@code GET /organization}).
 *
 * @param tenant the {@code tid} claim, null when absent or not a tenant id
 */
record AccessTokenClaims(@Nullable TenantId tenant, Set<String> roles, Set<String> scopes) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Optional<AccessTokenClaims> read(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return Optional.empty();
		}
		try {
			JsonNode claims = JSON
				.readTree(new String(Base64.getUrlDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8));
			if (claims == null || !claims.isObject()) {
				return Optional.empty();
			}
			return Optional.of(new AccessTokenClaims(tenant(claims.get("tid")), strings(claims.get("roles")),
					words(claims.get("scp"))));
		}
		catch (IllegalArgumentException | JacksonException e) {
			return Optional.empty();
		}
	}

	private static @Nullable TenantId tenant(@Nullable JsonNode tid) {
		if (tid == null || !tid.isString()) {
			return null;
		}
		try {
			return new TenantId(tid.asString());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static Set<String> strings(@Nullable JsonNode array) {
		Set<String> values = new TreeSet<>();
		if (array != null && array.isArray()) {
			array.values().forEach(value -> values.add(value.asString()));
		}
		return values;
	}

	/** {@code scp} is one string of space-separated scopes. */
	private static Set<String> words(@Nullable JsonNode scp) {
		Set<String> values = new TreeSet<>();
		if (scp != null && scp.isString()) {
			for (String scope : scp.asString().split(" ")) {
				if (!scope.isBlank()) {
					values.add(scope);
				}
			}
		}
		return values;
	}

}
