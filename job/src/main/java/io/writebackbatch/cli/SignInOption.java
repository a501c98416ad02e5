package io.writebackbatch.cli;

import java.util.Set;
import java.util.stream.Collectors;

import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.definition.NewGroupWriteback;
import io.writebackbatch.graph.signin.DelegatedPermission;
import io.writebackbatch.graph.signin.SignInMethod;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --sign-in}: an administrator signs in for this run (device code or browser)
 * instead of the job's own credential; and, whichever way sign-in was chosen, the
 * delegated permissions this command asks for.
 */
class SignInOption {

	@Option(names = "--sign-in", paramLabel = "METHOD", converter = MethodConverter.class,
			description = "Sign in as yourself for this run: device-code (prompt on stderr; works over SSH and in a "
					+ "pod) or browser. Needs writeback.sign-in.client-id; see "
					+ "docs/guide/sign-in.md. Default: writeback.sign-in.method, else the job's own credential.")
	@Nullable SignInMethod method;

	/**
	 * Spring command-line arguments (they outrank the environment) for a run of
	 * {@code definition}.
	 */
	String[] springArguments(boolean writes, JobDefinition definition) {
		NewGroupWriteback setting = definition.document().newGroupWriteback();
		return springArguments(
				DelegatedPermission.forRun(writes, setting != null && setting != NewGroupWriteback.UNCHANGED));
	}

	/**
	 * The same for a command that does not load a definition (rollback): the widest the
	 * command may need.
	 */
	String[] springArguments(Set<DelegatedPermission> permissions) {
		String permissionList = "--writeback.sign-in.permissions="
				+ permissions.stream().map(Enum::name).collect(Collectors.joining(","));
		return method == null ? new String[] { permissionList }
				: new String[] { permissionList, "--writeback.sign-in.method=" + method.name() };
	}

	static final class MethodConverter implements picocli.CommandLine.ITypeConverter<SignInMethod> {

		@Override
		public SignInMethod convert(String value) {
			try {
				return SignInMethod.fromLabel(value);
			}
			catch (IllegalArgumentException e) {
				throw new picocli.CommandLine.TypeConversionException(e.getMessage());
			}
		}

	}

}
