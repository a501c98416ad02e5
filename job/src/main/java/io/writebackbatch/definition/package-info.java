@NullMarked
package io.writebackbatch.definition;

import org.jspecify.annotations.NullMarked;
