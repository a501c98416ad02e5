package io.writebackbatch.graph.signin;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How an administrator signs in for a one-off run. */
public enum SignInMethod {

	/**
	 * A code to enter at the identity provider's page from any device: works over SSH and
	 * from a pod's log.
	 */
	DEVICE_CODE("device-code"),

	/** The system browser on this machine, with a redirect to a loopback port. */
	BROWSER("browser");

	private final String label;

	SignInMethod(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public static SignInMethod fromLabel(String label) {
		return Arrays.stream(values())
			.filter(method -> method.label.equalsIgnoreCase(label.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown sign-in method '" + label + "'; use " + labels()));
	}

	public static String labels() {
		return Arrays.stream(values()).map(SignInMethod::label).collect(Collectors.joining(" or "));
	}

}
