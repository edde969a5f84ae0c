// Attribute models in node on the tfjs CPU backend, with the real weights from public/ (copied
// and verified by scripts/copy-models.mjs): the real detector finds the 22 faces of the six
// face-api demo photos, then the AttributeEstimator reads them. Also checks the face crops.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { GraphModel } from '@tensorflow/tfjs-converter';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { AgeGenderNet } from '../../src/model/tfjs/age-gender-net';
import { AttributeEstimator } from '../../src/model/tfjs/attribute-estimator';
import {
  cropFaces,
  cropGeometry,
  cropTransform,
} from '../../src/model/tfjs/face-crops';
import {
  EXPRESSIONS,
  type AttributeSample,
  type FaceBox,
} from '../../src/shared/types';
import {
  detectDemoFaces,
  frameTensor,
  publicFetcher,
  type DemoFaces,
} from '../support/demo-faces';

const ALL = { age: true, gender: true, expression: true };
const top = (s: AttributeSample) =>
  EXPRESSIONS[s.expression!.indexOf(Math.max(...s.expression!))];

describe('face crops', () => {
  const face = (angle: number): FaceBox => ({
    x: 20,
    y: 10,
    width: 16,
    height: 16,
    score: 1,
    keypoints: [
      { x: 28 - 4 * Math.cos(angle), y: 18 - 4 * Math.sin(angle) },
      { x: 28 + 4 * Math.cos(angle), y: 18 + 4 * Math.sin(angle) },
    ],
  });

  it('rolls the crop by the eye line, from the right eye (image left) to the left eye', () => {
    const g = cropGeometry(face(0.3), 1.5);
    expect(g).toMatchObject({ cx: 28, cy: 18, side: 24 });
    expect(g.angle).toBeCloseTo(0.3, 10);
    // One output pixel to the right of the centre lies one step along the eye line.
    const [a0, a1, a2, b0, b1, b2] = cropTransform(g, 8);
    const at = (u: number, v: number) => [
      a0! * u + a1! * v + a2!,
      b0! * u + b1! * v + b2!,
    ];
    const [cx, cy] = at(3.5, 3.5);
    const [rx, ry] = at(4.5, 3.5);
    expect([cx, cy]).toEqual([expect.closeTo(27.5), expect.closeTo(17.5)]);
    expect(rx! - cx!).toBeCloseTo(3 * Math.cos(0.3), 10);
    expect(ry! - cy!).toBeCloseTo(3 * Math.sin(0.3), 10);
  });

  it('copies pixels exactly when the face is level and one crop pixel is one frame pixel', () => {
    const frame = tf.tidy(() =>
      tf.reshape(tf.range(0, 48 * 64 * 3, 1, 'int32'), [48, 64, 3]),
    ) as tf.Tensor3D;
    const crops = cropFaces(frame, [face(0), face(0)], { size: 16, margin: 1 });
    const expected = tf.slice(frame, [10, 20, 0], [16, 16, 3]);
    expect(crops.shape).toEqual([2, 16, 16, 3]);
    expect(crops.dtype).toBe('float32');
    for (const i of [0, 1]) {
      const crop = tf.squeeze(tf.slice(crops, [i], [1]));
      expect(Array.from(crop.dataSync())).toEqual(
        Array.from(expected.dataSync()),
      );
      crop.dispose();
    }
    tf.dispose([frame, crops, expected]);
  });
});

describe('AttributeEstimator (node, CPU backend, real models)', () => {
  let demo: DemoFaces[];
  let estimator: AttributeEstimator;
  let frames: tf.Tensor3D[];
  let samples: AttributeSample[][];

  beforeAll(async () => {
    await tf.setBackend('cpu');
    demo = await detectDemoFaces();
    const fractions: number[] = [];
    estimator = await AttributeEstimator.create(publicFetcher(), (f) =>
      fractions.push(f),
    );
    expect(fractions.at(-1)).toBe(1);
    frames = demo.map((d) => frameTensor(d.frame));
    samples = [];
    for (let i = 0; i < demo.length; i++)
      samples.push(await estimator.estimate(frames[i]!, demo[i]!.faces, ALL));
  }, 120_000);

  afterAll(() => {
    tf.dispose(frames);
    estimator?.dispose();
  });

  afterEach(() => vi.restoreAllMocks());

  it('finds the 22 demo faces, every one with all three attributes', () => {
    expect(demo.map((d) => d.faces.length)).toEqual([3, 3, 3, 4, 5, 4]);
    for (const s of samples.flat()) {
      expect(Object.keys(s).sort()).toEqual(['age', 'expression', 'female']);
      expect(s.expression).toHaveLength(7);
      expect(s.expression!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  });

  it('reads at least 20 of the 22 women as female, and every age within 15..50', () => {
    const all = samples.flat();
    expect(all.filter((s) => s.female! > 0.5).length).toBeGreaterThanOrEqual(
      20,
    );
    for (const s of all) {
      expect(s.age).toBeGreaterThanOrEqual(15);
      expect(s.age).toBeLessThanOrEqual(50);
    }
  });

  it('reads the laughing woman on the right of sample1.jpg as happy', () => {
    expect(top(samples[0]!.at(-1)!)).toBe('happy');
  });

  it('gives each face the same result in a batch as alone', async () => {
    const [frame, faces] = [frames[0]!, demo[0]!.faces];
    for (let i = 0; i < faces.length; i++) {
      const [alone] = await estimator.estimate(frame, [faces[i]!], ALL);
      const batched = samples[0]![i]!;
      expect(alone!.age).toBeCloseTo(batched.age!, 3);
      expect(alone!.female).toBeCloseTo(batched.female!, 3);
      alone!.expression!.forEach((p, k) =>
        expect(p).toBeCloseTo(batched.expression![k]!, 3),
      );
    }
  });

  it('leaves a switched-off attribute undefined and does not run its model', async () => {
    const predict = vi.spyOn(AgeGenderNet.prototype, 'predict');
    const execute = vi.spyOn(GraphModel.prototype, 'execute');
    const [frame, faces] = [frames[0]!, demo[0]!.faces];
    const only = (on: Partial<typeof ALL>) =>
      estimator.estimate(frame, faces, {
        age: false,
        gender: false,
        expression: false,
        ...on,
      });

    expect(await only({})).toEqual([{}, {}, {}]);
    expect(predict).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();

    const expression = await only({ expression: true });
    expect(expression.map((s) => Object.keys(s).join())).toEqual([
      'expression',
      'expression',
      'expression',
    ]);
    expect(predict).not.toHaveBeenCalled();
    expect(execute).toHaveBeenCalledTimes(1); // one batch for all three faces

    const age = await only({ age: true });
    expect(age.map((s) => Object.keys(s).join())).toEqual([
      'age',
      'age',
      'age',
    ]);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(predict).toHaveBeenCalledTimes(1);
    // The shared trunk runs for age, but the gender head is not computed.
    expect(predict.mock.calls[0]![1]).toEqual({ age: true, gender: false });
    expect(predict.mock.results[0]!.value).not.toHaveProperty('female');
  });

  it('leaves no tensors behind across estimate() calls', async () => {
    await estimator.estimate(frames[1]!, demo[1]!.faces, ALL);
    const before = tf.memory().numTensors;
    await estimator.estimate(frames[1]!, demo[1]!.faces, ALL);
    await estimator.estimate(frames[2]!, demo[2]!.faces, ALL);
    await estimator.estimate(frames[2]!, [], ALL);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * face-api's TinyXception forward pass as it writes it (src/xception/TinyXception.ts): conv,
 * bias add and relu as separate ops. The app fuses them; the numbers must not change.
 */
function unfusedAgeGender(w: tf.NamedTensorMap, crops: tf.Tensor4D) {
  return tf.tidy(() => {
    const conv = (p: string, x: tf.Tensor4D, s: 1 | 2) =>
      tf.add<tf.Tensor4D>(
        tf.conv2d(x, w[`${p}/filters`] as tf.Tensor4D, s, 'same'),
        w[`${p}/bias`]!,
      );
    const sep = (p: string, x: tf.Tensor4D) =>
      tf.add<tf.Tensor4D>(
        tf.separableConv2d(
          x,
          w[`${p}/depthwise_filter`] as tf.Tensor4D,
          w[`${p}/pointwise_filter`] as tf.Tensor4D,
          1,
          'same',
        ),
        w[`${p}/bias`]!,
      );
    const reduction = (p: string, x: tf.Tensor4D, act: boolean) => {
      let out = sep(`${p}/separable_conv0`, act ? tf.relu(x) : x);
      out = tf.maxPool(sep(`${p}/separable_conv1`, tf.relu(out)), 3, 2, 'same');
      return tf.add<tf.Tensor4D>(out, conv(`${p}/expansion_conv`, x, 2));
    };
    const x = tf.div<tf.Tensor4D>(
      tf.sub(crops, [122.782, 117.001, 104.298]),
      255,
    );
    let out = tf.relu(conv('entry_flow/conv_in', x, 2));
    out = reduction('entry_flow/reduction_block_0', out, false);
    out = reduction('entry_flow/reduction_block_1', out, true);
    for (const p of ['middle_flow/main_block_0', 'middle_flow/main_block_1']) {
      let m = sep(`${p}/separable_conv0`, tf.relu(out));
      m = sep(`${p}/separable_conv1`, tf.relu(m));
      m = sep(`${p}/separable_conv2`, tf.relu(m));
      out = tf.add(m, out);
    }
    out = reduction('exit_flow/reduction_block', out, true);
    out = tf.relu(sep('exit_flow/separable_conv', out));
    const pooled = tf.reshape(tf.avgPool(out, 7, 2, 'valid'), [
      crops.shape[0],
      -1,
    ]);
    const fc = (n: string) =>
      tf.add(tf.matMul(pooled, w[`fc/${n}/weights`]!), w[`fc/${n}/bias`]!);
    return {
      age: tf.reshape(fc('age'), [-1]),
      female: tf.reshape(
        tf.slice(tf.softmax(fc('gender')), [0, 1], [-1, 1]),
        [-1],
      ),
    };
  });
}

describe('AgeGenderNet (fused ops)', () => {
  it("gives face-api's unfused layer order's answers", async () => {
    await tf.setBackend('cpu');
    const net = await AgeGenderNet.load(
      publicFetcher(),
      'models/age_gender_model-weights_manifest.json',
      () => {},
    );
    const crops = tf.randomUniform<tf.Rank.R4>(
      [3, 112, 112, 3],
      0,
      255,
      'float32',
      7,
    );
    try {
      const fused = net.predict(crops, { age: true, gender: true });
      const weights = (net as unknown as { _w: tf.NamedTensorMap })._w;
      const plain = unfusedAgeGender(weights, crops);
      const ages = await fused.age!.data();
      const plainAges = await plain.age.data();
      const female = await fused.female!.data();
      const plainFemale = await plain.female.data();
      expect(ages).toHaveLength(3);
      ages.forEach((a, i) => expect(a).toBeCloseTo(plainAges[i]!, 3));
      female.forEach((f, i) => expect(f).toBeCloseTo(plainFemale[i]!, 5));
      tf.dispose([fused.age!, fused.female!, plain.age, plain.female]);
    } finally {
      crops.dispose();
      net.dispose();
    }
  });
});
