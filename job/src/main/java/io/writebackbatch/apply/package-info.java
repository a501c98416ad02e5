@NullMarked
package io.writebackbatch.apply;

import org.jspecify.annotations.NullMarked;
