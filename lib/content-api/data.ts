import { Construct } from 'constructs';
import { StreamFlixCache } from './cache';
import { StreamFlixDatabase } from './database';
import { StreamFlixNetwork } from './network';

/** Properties of {@link StreamFlixData}. */
export interface StreamFlixDataProps {
  /** The network both data stores live in. */
  readonly network: StreamFlixNetwork;
  /**
   * RDS instance class of the PostgreSQL database. May be a token.
   * @default 'db.t4g.medium'
   */
  readonly dbInstanceType?: string;
  /**
   * ElastiCache node type of the Redis cache. May be a token.
   * @default 'cache.t4g.small'
   */
  readonly cacheNodeType?: string;
  /** RDS deletion protection; may be a token. @default true */
  readonly deletionProtection?: boolean;
}

/** The data tier: the PostgreSQL content catalogue and the Redis metadata cache. */
export class StreamFlixData extends Construct {
  public readonly database: StreamFlixDatabase;
  public readonly cache: StreamFlixCache;

  constructor(scope: Construct, id: string, props: StreamFlixDataProps) {
    super(scope, id);
    this.database = new StreamFlixDatabase(this, 'Database', {
      network: props.network,
      instanceType: props.dbInstanceType,
      deletionProtection: props.deletionProtection,
    });
    this.cache = new StreamFlixCache(this, 'Cache', {
      network: props.network,
      nodeType: props.cacheNodeType,
    });
  }
}
