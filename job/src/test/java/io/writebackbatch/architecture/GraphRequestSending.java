package io.writebackbatch.architecture;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitCallTarget;

/**
 * What "building or sending a Graph request" means in code: a call to the Graph SDK's
 * service client or any of its request builders, to the SDK's batch content classes, to
 * Kiota's request adapter sending or converting a request, or to OkHttp executing one.
 */
final class GraphRequestSending {

	private static final Set<String> BATCH_CONTENT = Set.of("com.microsoft.graph.core.content.BatchRequestContent",
			"com.microsoft.graph.core.content.BatchResponseContent",
			"com.microsoft.graph.core.content.BatchRequestContentCollection",
			"com.microsoft.graph.core.content.BatchResponseContentCollection");

	static final DescribedPredicate<CodeUnitCallTarget> TARGET = DescribedPredicate.describe(
			"the Graph SDK's request builders, batch content, request adapter or OkHttp calls",
			GraphRequestSending::sends);

	private GraphRequestSending() {
	}

	private static boolean sends(CodeUnitCallTarget target) {
		String owner = target.getOwner().getName();
		String method = target.getName();
		if (owner.startsWith("com.microsoft.graph.") && (owner.endsWith("RequestBuilder")
				|| owner.endsWith(".GraphServiceClient") || BATCH_CONTENT.contains(owner))) {
			return true;
		}
		if (target.getOwner().isAssignableTo("com.microsoft.kiota.RequestAdapter")) {
			return method.startsWith("send") || method.equals("convertToNativeRequest");
		}
		if (target.getOwner().isAssignableTo("okhttp3.Call$Factory")
				|| target.getOwner().isAssignableTo("okhttp3.Call")) {
			return method.equals("newCall") || method.equals("execute") || method.equals("enqueue");
		}
		return false;
	}

}
