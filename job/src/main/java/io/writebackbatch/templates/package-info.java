/**
 * The one template engine of the job's written files (JMustache): loading and compiling
 * templates from the classpath, and the Markdown escaping every Markdown file shares. The
 * report and the on-premises kit use it; it imports nothing of the project.
 */
@NullMarked
package io.writebackbatch.templates;

import org.jspecify.annotations.NullMarked;
