// The AWS CDK's side of bench/peers.sh: a CDK app that declares, construct by construct,
// the resources, parameters, conditions and outputs of a CloudFormation template (the
// one infrac built, given as argv[2]) and synthesises it into argv[3]. What is timed is
// what a CDK user pays for every synth: Node.js, loading aws-cdk-lib, the construct
// tree, synthesis and writing the template.
'use strict';
const fs = require('fs');
const cdk = require('aws-cdk-lib');

const [, , templatePath, outdir] = process.argv;
const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
const app = new cdk.App({ outdir, analyticsReporting: false });
const stack = new cdk.Stack(app, 'Peer', { synthesizer: new cdk.LegacyStackSynthesizer() });
for (const [id, p] of Object.entries(template.Parameters || {})) {
  new cdk.CfnParameter(stack, id, { type: p.Type, default: p.Default, description: p.Description,
                                     allowedValues: p.AllowedValues, allowedPattern: p.AllowedPattern });
}
for (const [id, c] of Object.entries(template.Conditions || {})) {
  new cdk.CfnCondition(stack, id).expression = { resolve: () => c };
}
for (const [id, r] of Object.entries(template.Resources || {})) {
  const res = new cdk.CfnResource(stack, id, { type: r.Type, properties: r.Properties });
  res.overrideLogicalId(id);
  for (const key of ['DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata']) {
    if (r[key] !== undefined) res.addOverride(key, r[key]);
  }
}
for (const [id, o] of Object.entries(template.Outputs || {})) {
  new cdk.CfnOutput(stack, id, { value: o.Value, description: o.Description,
                                 exportName: o.Export ? o.Export.Name : undefined });
}
app.synth();
