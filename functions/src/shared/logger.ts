// The one Powertools logger, in a module of its own: importing it must not pull in the AWS SDK.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'sifasuo' });
