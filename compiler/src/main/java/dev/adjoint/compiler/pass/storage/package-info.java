/**
 * What the reverse sweep keeps, and how, with no operation tape: {@code NamedCalls} and {@code
 * LoopResults} name values before reverse mode so that they can be kept; {@code LoopTapes} stores
 * loop-carried values per iteration and reverses loop headers; {@code ArrayStacks} saves
 * overwritten array elements; {@code HoistAllocations} allocates tapes once outside loops; {@code
 * RestoredInputs} makes tangents leave written input arrays as they found them.
 */
package dev.adjoint.compiler.pass.storage;
