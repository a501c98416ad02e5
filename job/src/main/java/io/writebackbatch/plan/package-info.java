@NullMarked
package io.writebackbatch.plan;

import org.jspecify.annotations.NullMarked;
