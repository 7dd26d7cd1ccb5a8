package dev.leakdiff.suite;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * No leak. A commons-pool2 GenericObjectPool of at most 8 connections warming up: call N borrows min(8, N + 1)
 * connections at once and returns them all, so the pool creates connections during the first 7 calls and then
 * only reuses them.
 */
public class PoolWarmup {
  /** A pooled resource with a buffer of its own. */
  static final class Connection {
    final int id;
    final byte[] buffer = new byte[4096];
    long uses;

    Connection(int id) {
      this.id = id;
    }
  }

  static final class Factory extends BasePooledObjectFactory<Connection> {
    private int created;

    @Override
    public Connection create() {
      return new Connection(++created);
    }

    @Override
    public PooledObject<Connection> wrap(Connection c) {
      return new DefaultPooledObject<>(c);
    }
  }

  private final GenericObjectPool<Connection> pool;
  private int calls;

  public PoolWarmup() {
    GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(8);
    config.setMaxIdle(8);
    config.setJmxNamePrefix("leak-suite");
    pool = new GenericObjectPool<>(new Factory(), config);
  }

  public void borrowSome() throws Exception {
    calls++;
    int n = Math.min(8, calls + 1);
    List<Connection> borrowed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Connection c = pool.borrowObject();
      c.uses++;
      borrowed.add(c);
    }
    for (Connection c : borrowed) {
      pool.returnObject(c);
    }
  }

  public void teardown() {
    pool.close();
  }
}
