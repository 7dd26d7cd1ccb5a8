package dev.leakdiff.cli.scenarios;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A class-loader leak through a JDK registry, as plug-in hosts and redeployed web apps make it: each call
 * loads a real JDBC driver (H2, its jar named by -Dh2.jar) in a new URLClassLoader, and drops the loader. The
 * driver registers itself in java.sql.DriverManager when its class initialises, so DriverManager keeps the
 * driver, its class, its loader and every class the loader loaded.
 */
public class DriverLoaderLeak implements Runnable {
  private final URL jar;

  public DriverLoaderLeak() throws Exception {
    jar = Path.of(System.getProperty("h2.jar")).toUri().toURL();
  }

  @Override
  public void run() {
    try {
      URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
      Class.forName("org.h2.Driver", true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
