@NullMarked
package io.writebackbatch.graph;

import org.jspecify.annotations.NullMarked;
