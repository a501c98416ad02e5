@NullMarked
package io.writebackbatch.graph.signin;

import org.jspecify.annotations.NullMarked;
