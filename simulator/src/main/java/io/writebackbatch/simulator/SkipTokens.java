package io.writebackbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed {@code $skiptoken}s: where the next page starts, whether the listing was
 * filtered to unified groups and when the token was issued. A token the simulator did not
 * sign, or signed for another filter, is refused.
 */
final class SkipTokens {

	/** What a token carries. */
	record SkipToken(GroupKey after, boolean unifiedOnly, long issuedMillis) {
	}

	private static final String PREFIX = "RFNwdA";

	private final byte[] key;

	SkipTokens(SimulatorConfig config) {
		this.key = ("graph-simulator:" + config.seed() + ":" + config.token()).getBytes(StandardCharsets.UTF_8);
	}

	String encode(GroupKey after, boolean unifiedOnly) {
		String payload = "1|" + (unifiedOnly ? 1 : 0) + "|" + Long.toHexString(after.hi()) + "|"
				+ Long.toHexString(after.lo()) + "|" + System.currentTimeMillis();
		byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
		Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
		return PREFIX + enc.encodeToString(p) + "." + enc.encodeToString(mac(p));
	}

	/** The token's content, or null if it is not one of this simulator's. */
	SkipToken decode(String token) {
		try {
			if (!token.startsWith(PREFIX)) {
				return null;
			}
			int dot = token.indexOf('.');
			byte[] p = Base64.getUrlDecoder().decode(token.substring(PREFIX.length(), dot));
			byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(sig, mac(p))) {
				return null;
			}
			String[] f = new String(p, StandardCharsets.US_ASCII).split("\\|");
			return new SkipToken(new GroupKey(Long.parseUnsignedLong(f[2], 16), Long.parseUnsignedLong(f[3], 16)),
					f[1].equals("1"), Long.parseLong(f[4]));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(payload), 16);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
