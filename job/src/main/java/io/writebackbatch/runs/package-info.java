@NullMarked
package io.writebackbatch.runs;

import org.jspecify.annotations.NullMarked;
