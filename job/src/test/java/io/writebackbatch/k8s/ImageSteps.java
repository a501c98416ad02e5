package io.writebackbatch.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.writebackbatch.BuildDirectory;
import io.writebackbatch.PackagedJar;

/**
 * Follows k8s/image/Dockerfile without Docker: a folder stands for the image's file
 * system root, every absolute path in an instruction is taken inside it, and the steps
 * run as written: ARG, WORKDIR, COPY (from the build context or an earlier stage) and the
 * RUN instructions that start {@code java} (the extraction and the training run; the
 * others create the image's user, which needs root). The ENTRYPOINT then gives the job's
 * command line. This machine's JVM stands for the base image's.
 */
public final class ImageSteps {

	/** Where {@link #shared()} builds the image, once per packaged jar. */
	private static final Path SHARED = BuildDirectory.resolve("image");

	/**
	 * The RUN commands that built {@link #SHARED}, for a test JVM that did not run them.
	 */
	private static final String RAN = "ran.txt";

	/** An absolute path in an instruction: at the start, after a space, = or a quote. */
	private static final Pattern ABSOLUTE = Pattern.compile("(?<=^|[\\s=\"'])/(?=[\\w.-])");

	/** A training run that takes longer is broken, not slow. */
	private static final long BOUND_MINUTES = 5;

	private final Path root;

	private final Dockerfile dockerfile;

	private final List<String> ran = new ArrayList<>();

	private Path workdir;

	private ImageSteps(Dockerfile dockerfile, Path root) {
		this.dockerfile = dockerfile;
		this.root = root;
		this.workdir = root;
	}

	/**
	 * The image of this build's packaged jar in {@code job/target/image/}, built once:
	 * every job process a test starts runs from it (one class-data-sharing archive for
	 * all, trained as the Dockerfile trains it). Test JVMs side by side take turns
	 * through a file lock; a jar packaged after the image was built gets a new one.
	 */
	public static synchronized ImageSteps shared() {
		try {
			Files.createDirectories(BuildDirectory.path());
			try (FileChannel turn = FileChannel.open(BuildDirectory.resolve("image.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock turnTaken = turn.lock()) {
				Path ran = SHARED.resolve(RAN);
				Path jar = PackagedJar.built();
				if (!Files.exists(ran)
						|| Files.getLastModifiedTime(ran).compareTo(Files.getLastModifiedTime(jar)) < 0) {
					delete(SHARED);
					ImageSteps image = follow(Dockerfile.read(), Kustomize.PROJECT, Files.createDirectories(SHARED));
					Files.write(ran, image.ran());
				}
				ImageSteps image = new ImageSteps(Dockerfile.read(), SHARED);
				image.ran.addAll(Files.readAllLines(ran));
				image.workdir = image.inside(image.lastWorkdir());
				return image;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Every stage's steps, in order, with the build context at {@code context}. */
	static ImageSteps follow(Dockerfile dockerfile, Path context, Path root) throws IOException {
		ImageSteps image = new ImageSteps(dockerfile, root);
		for (Dockerfile.Stage stage : dockerfile.stages()) {
			image.workdir = root;
			Map<String, String> args = new LinkedHashMap<>(dockerfile.globalArgs());
			for (Dockerfile.Instruction instruction : stage.instructions()) {
				String arguments = Dockerfile.expand(instruction.arguments(), args);
				switch (instruction.keyword()) {
					case "ARG" -> {
						String[] arg = arguments.split("=", 2);
						args.put(arg[0], arg.length > 1 ? arg[1] : "");
					}
					case "WORKDIR" -> image.workdir = Files.createDirectories(image.inside(arguments));
					case "COPY" -> image.copy(arguments, context);
					case "RUN" -> {
						if (arguments.matches("(?s)(.*(&&|;)\\s*)?java\\s.*")) {
							image.runShell(arguments);
						}
					}
					default -> {
						// USER, ENTRYPOINT, CMD: nothing to do in a folder
					}
				}
			}
		}
		return image;
	}

	private String lastWorkdir() {
		List<Dockerfile.Instruction> workdirs = dockerfile.last().all("WORKDIR");
		return workdirs.get(workdirs.size() - 1).arguments();
	}

	private static void delete(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> old = Files.walk(dir)) {
				for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

	/** The RUN commands that ran, as the Dockerfile wrote them. */
	List<String> ran() {
		return ran;
	}

	/** The last stage's working directory, where the job starts. */
	Path workdir() {
		return workdir;
	}

	/** A path of the image, in the folder. */
	Path inside(String absolute) {
		if (!absolute.startsWith("/")) {
			throw new IllegalArgumentException("not an absolute path of the image: " + absolute);
		}
		return root.resolve(absolute.substring(1));
	}

	/**
	 * The ENTRYPOINT's exec form with its paths in the folder and this JVM's java; the
	 * extra JVM options go right after {@code java}.
	 */
	public List<String> entrypoint(List<String> extraJvmOptions, List<String> args) {
		List<Dockerfile.Instruction> entrypoints = dockerfile.last().all("ENTRYPOINT");
		if (entrypoints.size() != 1) {
			throw new IllegalStateException("expected one ENTRYPOINT, found " + entrypoints);
		}
		List<String> words = new ArrayList<>();
		Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(entrypoints.get(0).arguments());
		while (word.find()) {
			words.add(relocate(word.group(1)));
		}
		if (!words.get(0).equals("java")) {
			throw new IllegalStateException("the ENTRYPOINT does not start java: " + words);
		}
		List<String> command = new ArrayList<>();
		command.add(java().toString());
		command.addAll(extraJvmOptions);
		command.addAll(words.subList(1, words.size()));
		command.addAll(args);
		return command;
	}

	record Result(int exit, String stdout, String stderr) {
	}

	/** Runs a command in dir without the variables that would change how java starts. */
	static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
		builder.environment().remove("CLASSPATH");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("JDK_JAVA_OPTIONS");
		builder.environment()
			.put("PATH", java().getParent() + java.io.File.pathSeparator + builder.environment().get("PATH"));
		Path stdout = Files.createTempFile("writeback-image-", ".out");
		Path stderr = Files.createTempFile("writeback-image-", ".err");
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		try {
			if (!process.waitFor(BOUND_MINUTES, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not end within " + BOUND_MINUTES
						+ " minutes:\n" + Files.readString(stdout) + Files.readString(stderr));
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	private static Path java() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	private String relocate(String text) {
		return ABSOLUTE.matcher(text).replaceAll(Matcher.quoteReplacement(root.toString() + "/"));
	}

	private void runShell(String command) throws IOException {
		try {
			Result result = run(List.of("sh", "-c", relocate(command)), workdir);
			if (result.exit() != 0) {
				throw new AssertionError("RUN " + command + " failed (exit " + result.exit() + "):\n" + result.stdout()
						+ result.stderr());
			}
			ran.add(command);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running RUN " + command, e);
		}
	}

	private void copy(String arguments, Path context) throws IOException {
		List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
		boolean fromStage = words.get(0).startsWith("--from=");
		if (fromStage) {
			words.remove(0);
		}
		String destination = words.remove(words.size() - 1);
		Path target = destination.startsWith("/") ? inside(destination) : workdir.resolve(destination);
		for (String source : words) {
			for (Path from : fromStage ? List.of(inside(source)) : matching(context, source)) {
				if (Files.isDirectory(from)) {
					copyTree(from, target);
				}
				else {
					Path file = destination.endsWith("/") ? target.resolve(from.getFileName()) : target;
					Files.createDirectories(file.getParent());
					Files.copy(from, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	/** The build context's files a COPY source (possibly a glob) names; at least one. */
	private static List<Path> matching(Path context, String source) throws IOException {
		Path pattern = context.resolve(source);
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
		try (Stream<Path> files = Files.list(pattern.getParent())) {
			List<Path> matches = files.filter(matcher::matches).toList();
			if (matches.isEmpty()) {
				throw new IllegalStateException("COPY " + source + ": nothing in the build context matches");
			}
			return matches;
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

}
