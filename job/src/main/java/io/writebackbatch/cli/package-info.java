@NullMarked
package io.writebackbatch.cli;

import org.jspecify.annotations.NullMarked;
