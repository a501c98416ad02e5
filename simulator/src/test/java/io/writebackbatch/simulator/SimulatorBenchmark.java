package io.writebackbatch.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;

/**
 * Not a unit test: {@code main} prints generation time/heap for a large tenant and
 * request throughput. Run: mvn -o -q test-compile -pl simulator && java -Xmx1g -cp
 * simulator/target/classes:simulator/target/test-classes:$(cat cp.txt)
 * io.writebackbatch.simulator.SimulatorBenchmark [groups]
 */
public final class SimulatorBenchmark {

	public static void main(String[] args) throws Exception {
		int groups = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Runtime rt = Runtime.getRuntime();
		System.gc();
		long heap0 = rt.totalMemory() - rt.freeMemory();
		long t0 = System.nanoTime();
		SimulatorConfig cfg = SimulatorConfig.builder().token("bench").unifiedGroups(groups).threads(64).build();
		try (GraphSimulator sim = GraphSimulator.start(cfg)) {
			long genMs = (System.nanoTime() - t0) / 1_000_000;
			System.gc();
			long heap = rt.totalMemory() - rt.freeMemory() - heap0;
			System.out.printf(
					"generated %,d unified + %,d other groups in %,d ms; heap used by tenant ~%,d MB (max heap %,d MB)%n",
					groups, cfg.nonUnifiedGroups(), genMs, heap >> 20, rt.maxMemory() >> 20);
			Path f = Files.createTempFile("tenant", ".jsonl");
			long s0 = System.nanoTime();
			sim.save(f);
			System.out.printf("saved in %,d ms (%,d MB)%n", (System.nanoTime() - s0) / 1_000_000, Files.size(f) >> 20);
			s0 = System.nanoTime();
			Tenant loaded = Tenant.load(f, 1);
			System.out.printf("loaded in %,d ms (%,d unified)%n", (System.nanoTime() - s0) / 1_000_000,
					loaded.unifiedGroupCount());
			Files.delete(f);

			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.executor(Executors.newFixedThreadPool(16))
				.build();
			String base = sim.baseUrl();
			List<GroupView> sample = new ArrayList<>();
			for (int[] page = sim.tenant().store().page(null, 2000, true); sample.size() < 2000;) {
				for (int s : page) {
					sample.add(sim.tenant().view(s));
				}
				break;
			}
			// pages of 999 with $select, following nextLinks, 16 parallel walkers
			run("list pages ($top=999, $select)", 16, 20_000, (i) -> {
				var r = http.send(
						HttpRequest.newBuilder(URI.create(base + "/groups?$top=999&$select=id,displayName,"
								+ "writebackConfiguration&$filter=groupTypes/any(c:c%20eq%20'Unified')"
								+ (i % 500 == 0 ? "" : "")))
							.header("Authorization", "Bearer bench")
							.build(),
						HttpResponse.BodyHandlers.ofByteArray());
				return r.statusCode();
			}, 2_000);
			run("GET group", 16, 0, (i) -> http.send(HttpRequest
				.newBuilder(URI.create(
						base + "/groups/" + sample.get(i % sample.size()).id() + "?$select=id,writebackConfiguration"))
				.header("Authorization", "Bearer bench")
				.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode(), 40_000);
			run("$batch of 20 PATCHes", 16, 0, (i) -> {
				StringBuilder sb = new StringBuilder("{\"requests\":[");
				for (int k = 0; k < 20; k++) {
					sb.append(k > 0 ? "," : "")
						.append("{\"id\":\"")
						.append(k)
						.append("\",\"method\":\"PATCH\",\"url\":\"/groups/")
						.append(sample.get((i * 20 + k) % sample.size()).id())
						.append("\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":{\"writebackConfiguration\":{\"isEnabled\":")
						.append(i % 2 == 0)
						.append("}}}");
				}
				return http
					.send(HttpRequest.newBuilder(URI.create(base + "/$batch"))
						.header("Authorization", "Bearer bench")
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(sb.append("]}").toString()))
						.build(), HttpResponse.BodyHandlers.ofByteArray())
					.statusCode();
			}, 5_000);
			System.out.println("counters: " + sim.counters());
		}
		System.exit(0);
	}

	interface Call {

		int call(int i) throws Exception;

	}

	static void run(String name, int threads, int unused, Call call, int total) throws Exception {
		ExecutorService ex = Executors.newFixedThreadPool(threads);
		AtomicLong next = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long t0 = System.nanoTime();
		List<Future<?>> fs = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			fs.add(ex.submit(() -> {
				long i;
				while ((i = next.getAndIncrement()) < total) {
					if (call.call((int) i) != 200) {
						errors.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : fs) {
			f.get();
		}
		double s = (System.nanoTime() - t0) / 1e9;
		System.out.printf("%-32s %,8d requests in %6.2f s = %,8.0f req/s (non-200: %d)%n", name, total, s, total / s,
				errors.get());
		ex.shutdown();
	}

}
