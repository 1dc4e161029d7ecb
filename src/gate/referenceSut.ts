// The reference kernel as a loadable system under test (`--kernel src/gate/referenceSut.ts`).
export { REFERENCE as sut } from './systemUnderTest.ts';
