@NullMarked
package io.writebackbatch.audit;

import org.jspecify.annotations.NullMarked;
