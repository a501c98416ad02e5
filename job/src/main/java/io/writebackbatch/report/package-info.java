@NullMarked
package io.writebackbatch.report;

import org.jspecify.annotations.NullMarked;
