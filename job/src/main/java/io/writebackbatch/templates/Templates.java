package io.writebackbatch.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Compiles a Mustache template kept on the classpath next to the class that uses it;
 * partials ({@code {{> name}}}) are read from the same folder.
 */
public final class Templates {

	private Templates() {
	}

	/**
	 * @param owner the class whose package folder holds the template
	 * @param name the template's file name
	 * @param compiler how values are escaped (and formatted) in this template
	 */
	public static Template compile(Class<?> owner, String name, Mustache.Compiler compiler) {
		try (Reader template = open(owner, name)) {
			return compiler.withLoader(partial -> open(owner, partial)).compile(template);
		}
		catch (IOException e) {
			throw new UncheckedIOException("template " + name + " is missing from the jar", e);
		}
	}

	/**
	 * Renders {@code template} into {@code out}, a file's writer: JMustache wraps the
	 * writer's {@link IOException} (a full disk) in its own MustacheException, which no
	 * caller would take for a file problem; it is thrown as the IOException it is.
	 */
	public static void write(Template template, Object context, Writer out) throws IOException {
		try {
			template.execute(context, out);
		}
		catch (MustacheException e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			throw e;
		}
	}

	private static Reader open(Class<?> owner, String name) {
		InputStream in = owner.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("template " + name + " is missing from the jar");
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

}
