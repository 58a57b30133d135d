// @hey-api/openapi-ts config for the "hey-api+prettier" row of bench/sdk.mjs: the default
// generation plus hey-api's Prettier post-processing step (`prettier` from PATH, which the
// bench points at bench/sdk-peers/node_modules/.bin). The output folder comes from the
// environment because the CLI's -o would replace this whole `output` object, postProcess included.
export default {
  output: { path: process.env.SDK_BENCH_OUT, postProcess: ['prettier'] },
};
