// The portal: a private S3 bucket behind CloudFront (origin access control; an origin access identity
// in the China regions, which offer no OAC), `/api/*` passed to the HTTP API (same origin for the
// browser, no CORS), security headers on every response. The portal uses hash routes
// (`/#/offices/0101`), so CloudFront serves files as they are: no edge rewrite, which China's
// CloudFront could not run (no CloudFront Functions), and no custom error responses, which would
// also rewrite the API's own 403/404 JSON errors. CloudFront proves itself to the API with the origin
// secret header and hands it the viewer's address, so the API refuses anyone who bypasses CloudFront.
import { existsSync } from 'node:fs';
import { Annotations, CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Token, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buckets, ORIGIN_SECRET_HEADER, resourceName } from '@sifasuo/wiring';
import { bucketBrowserOrigin, inChina } from './config';
import { suppress } from './nag';

/**
 * The portal is React + Ant Design (inline styles) + ECharts (canvas); it talks to its own origin and
 * PUTs files straight into the uploads buckets by presigned URL (`uploadOrigins`).
 */
export const contentSecurityPolicy = (uploadOrigins: readonly string[]) => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  ["connect-src 'self'", ...uploadOrigins].join(' '),
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Viewer headers the `/api/*` behaviour passes to the API, besides Authorization (which goes through
 * the cache policy, see below). `CloudFront-Viewer-Address` (`ip:port`) is added by CloudFront itself
 * and is where the API reads the viewer's IP for audit records and login throttling; API Gateway
 * only sees CloudFront's address. Never Host: API Gateway answers 403 to a Host that is not its own.
 * At most 10 (CloudFront's quota per origin request policy).
 */
export const API_FORWARDED_HEADERS = [
  'CloudFront-Viewer-Address', 'Accept', 'Accept-Language', 'Content-Type', 'User-Agent', 'Referer', 'Origin',
] as const;

export interface WebStackProps extends StackProps {
  stage: string;
  /** `xxxx.execute-api.<region>.<suffix>` of the HTTP API. */
  apiDomain: string;
  /**
   * Sent to the API in the `x-origin-verify` header on every `/api/*` request (the API functions get
   * the same value as ORIGIN_SECRET): in the app a Secrets Manager dynamic reference (origin-secret.ts).
   */
  originSecret: string;
  /** Built portal (web/dist); deployed only when given and present. */
  portalDist?: string;
  /** The portal's public domain (in China: the bureau's ICP-filed domain). */
  domainName?: string;
  /** Its certificate: in ACM (us-east-1) in the global regions… */
  certificateArn?: string;
  /** …and uploaded to IAM in the China regions, whose CloudFront takes no ACM certificate. */
  iamCertificateId?: string;
}

export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const name = (x: string) => resourceName(props.stage, x);

    const logBucket = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with ACLs, so the bucket must accept them.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    suppress(logBucket, [
      ['AwsSolutions-S1', 'This is the access-log destination (CloudFront and portal bucket); logging it into itself would loop.'],
    ]);

    this.bucket = new s3.Bucket(this, 'Portal', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'portal-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: name('security-headers'),
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(buckets.filter((b) => b.uploads).map((b) => bucketBrowserOrigin(this, props.stage, b.id))),
          override: true,
        },
      },
    });
    // `/api/*`: nothing is cached, Authorization reaches the API, and so do the viewer's address and
    // the ordinary request headers. CloudFront forwards Authorization only through a cache policy (an
    // origin request policy that lists it is refused with 400, and CDK refuses it too); and a cache
    // policy whose TTLs are all 0 ("caching disabled", like Managed-CachingDisabled) may not name any
    // header. Hence min 0 / default 0 / max 1 s with Authorization and every query string in the cache
    // key: the API answers `cache-control: no-store`, which CloudFront honours with a minimum TTL of 0,
    // and a default TTL of 0 caches nothing that lacks a Cache-Control header; even a misbehaving
    // response could be reused for at most 1 s, and only for the same token and query. The managed
    // AllViewerExceptHostHeader policy (with CachingDisabled, Authorization passes through it) would
    // also forward every other viewer header and cookie, and CloudFront-Viewer-Address is not a
    // viewer header: the custom origin request policy names exactly what the API reads.
    // The API's JSON is compressed at the edge (brotli or gzip, as the viewer accepts): CloudFront
    // compresses only through a cache policy with both encodings on (possible as the max TTL is not 0),
    // which puts the normalised Accept-Encoding in the key; HTTP APIs do not compress themselves.
    const apiCachePolicy = new cloudfront.CachePolicy(this, 'ApiCachePolicy', {
      cachePolicyName: name('api-no-cache'),
      comment: `${name('api')}: nothing cached (API answers no-store); Authorization forwarded via the cache key`,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiOriginRequestPolicy = new cloudfront.OriginRequestPolicy(this, 'ApiOriginRequestPolicy', {
      originRequestPolicyName: name('api-origin-request'),
      comment: `${name('api')}: viewer address and request headers for the API; no cookies, no Host`,
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...API_FORWARDED_HEADERS),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    const china = inChina(this);
    const custom = Boolean(props.domainName && (china ? props.iamCertificateId : props.certificateArn));
    if (china && !custom) {
      Annotations.of(this).addWarningV2('sifasuo:icp-domain', 'China regions: CloudFront needs the bureau\'s ICP-filed domain and its IAM certificate; pass -c portalDomain=… -c portalIamCertificateId=….');
    }
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: name('portal'),
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: china ? S3BucketOrigin.withOriginAccessIdentity(this.bucket) : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            // CloudFront sets it on every origin request (a viewer cannot override an origin custom header).
            customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCachePolicy,
          originRequestPolicy: apiOriginRequestPolicy,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
      ...(custom && !china
        ? {
          domainNames: [props.domainName!],
          certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn!),
          // TLS 1.2+ towards viewers needs a custom certificate (the default one is fixed at TLSv1).
          minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        }
        : {}),
      httpVersion: china ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200, // includes the Asia edges
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    if (custom && china) {
      // The L2 construct takes ACM certificates only: the IAM certificate goes in through the L1.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    suppress(this.distribution, [
      ['AwsSolutions-CFR1', 'No geo restriction: every user signs in, and where staff connect from (travel, mobile carriers) is not a security boundary; access is enforced by session tokens (checked by the API session authorizer) and data scope.'],
      ['AwsSolutions-CFR2', 'No WAF web ACL in the first release: the API behind /api/* is throttled per stage, refuses requests without the origin secret, checks every session token in its Lambda authorizer and locks accounts after 5 failed logins; static files are public by nature. Revisit with a WAF ACL (us-east-1) before go-live.'],
      ...(custom && !china ? [] : [[
        'AwsSolutions-CFR4',
        custom
          ? 'The IAM certificate is set with TLSv1.2_2021 and sni-only through an L1 override (the China regions take no ACM certificate), which the rule does not read.'
          : 'Without a custom domain CloudFront serves its default certificate, for which TLS 1.2 minimum cannot be selected; pass -c portalDomain=… with -c portalCertificateArn=… (global) or -c portalIamCertificateId=… (China) to get TLSv1.2_2021.',
      ] as [string, string]]),
      ...(china ? [[
        'AwsSolutions-CFR7',
        'The China regions offer no origin access control: the bucket is reached through an origin access identity, and its policy admits that identity alone.',
      ] as [string, string]] : []),
    ]);

    if (props.portalDist && existsSync(props.portalDist)) {
      this.deployment = new BucketDeployment(this, 'PortalContent', {
        sources: [Source.asset(props.portalDist)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      // The deployment's provider function is a CDK singleton at stack level, created by the call above.
      const provider = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
      const portalArn = `<${this.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>`;
      // How cdk-nag prints the bootstrap asset bucket: literal where the environment is known.
      const lit = (v: string, pseudo: string) => (Token.isUnresolved(v) ? `<AWS::${pseudo}>` : v);
      const assets = `arn:${lit(this.partition, 'Partition')}:s3:::cdk-hnb659fds-assets-${lit(this.account, 'AccountId')}-${lit(this.region, 'Region')}/*`;
      const why = 'CDK BucketDeployment provider (runs only during deployment to copy web/dist into the portal bucket and invalidate CloudFront), generated by aws-cdk-lib:';
      if (provider) {
        suppress(provider, [
          ['AwsSolutions-L1', `${why} its runtime is pinned by aws-cdk-lib, not by us.`],
          ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', `${why} logging through the standard basic execution role.`],
          ['AwsSolutions-IAM5[Action::s3:GetBucket*]', `${why} reads the CDK asset bucket and the portal bucket only.`],
          ['AwsSolutions-IAM5[Action::s3:GetObject*]', `${why} reads the uploaded asset zip and existing portal objects.`],
          ['AwsSolutions-IAM5[Action::s3:List*]', `${why} lists the asset and portal buckets to sync.`],
          ['AwsSolutions-IAM5[Action::s3:Abort*]', `${why} aborts failed multipart uploads into the portal bucket.`],
          ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', `${why} prunes files removed from web/dist in the portal bucket.`],
          [`AwsSolutions-IAM5[Resource::${assets}]`, `${why} objects of the bootstrap asset bucket (the asset key is only known at deploy time).`],
          [`AwsSolutions-IAM5[Resource::${portalArn}/*]`, `${why} every object of the portal bucket (it owns the bucket's content).`],
          ['AwsSolutions-IAM5[Resource::*]', `${why} cloudfront:CreateInvalidation / GetInvalidation, which CDK grants on all distributions.`],
        ]);
      }
    }

    new CfnOutput(this, 'PortalUrl', {
      value: custom ? `https://${props.domainName}` : `https://${this.distribution.distributionDomainName}`,
    });
  }
}
