@NullMarked
package io.writebackbatch;

import org.jspecify.annotations.NullMarked;
