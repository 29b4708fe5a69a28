// Preloaded (LD_PRELOAD) into the TSan build's tests by tests/tsan/run.sh;
// built by scripts/tsan-build.sh. Debian's gRPC is not built with TSan, so
// TSan cannot see that a message is sent before it is received: gRPC's
// threads hand it on through absl::Mutex, futexes and atomics TSan does not
// watch. A server handler then seems to race with the client code that
// sent the request, and the client with the handler that answered.
//
// This models the one ordering gRPC guarantees, coarsely: every batch a
// thread starts (grpc_call_start_batch: sending a request or an answer)
// happens before every completion another thread takes from a completion
// queue afterwards (grpc_completion_queue_next/pluck: a request arriving at
// a server handler, an answer at a client). One sync object for all calls:
// it may hide a race between two handlers whose calls merely followed each
// other in time, never invents one. It adds no other ordering: threads that
// share project objects without gRPC in between are checked as before.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <grpc/grpc.h>

// From the TSan runtime in the test executable; weak, so that a process
// without TSan (ctest, a shell) loads this library and ignores it.
extern void __tsan_acquire(void* addr) __attribute__((weak));
extern void __tsan_release(void* addr) __attribute__((weak));

static char g_wire;

static void* real(const char* name) {
  void* f = dlsym(RTLD_NEXT, name);
  if (!f) __builtin_trap();  // only called by gRPC's own callers: gRPC is loaded
  return f;
}

grpc_call_error grpc_call_start_batch(grpc_call* call, const grpc_op* ops, size_t nops, void* tag, void* reserved) {
  static grpc_call_error (*fn)(grpc_call*, const grpc_op*, size_t, void*, void*);
  if (!__atomic_load_n(&fn, __ATOMIC_ACQUIRE)) __atomic_store_n(&fn, real("grpc_call_start_batch"), __ATOMIC_RELEASE);
  if (__tsan_release) __tsan_release(&g_wire);
  return fn(call, ops, nops, tag, reserved);
}

grpc_event grpc_completion_queue_next(grpc_completion_queue* cq, gpr_timespec deadline, void* reserved) {
  static grpc_event (*fn)(grpc_completion_queue*, gpr_timespec, void*);
  if (!__atomic_load_n(&fn, __ATOMIC_ACQUIRE))
    __atomic_store_n(&fn, real("grpc_completion_queue_next"), __ATOMIC_RELEASE);
  grpc_event ev = fn(cq, deadline, reserved);
  if (__tsan_acquire && ev.type == GRPC_OP_COMPLETE) __tsan_acquire(&g_wire);
  return ev;
}

grpc_event grpc_completion_queue_pluck(grpc_completion_queue* cq, void* tag, gpr_timespec deadline, void* reserved) {
  static grpc_event (*fn)(grpc_completion_queue*, void*, gpr_timespec, void*);
  if (!__atomic_load_n(&fn, __ATOMIC_ACQUIRE))
    __atomic_store_n(&fn, real("grpc_completion_queue_pluck"), __ATOMIC_RELEASE);
  grpc_event ev = fn(cq, tag, deadline, reserved);
  if (__tsan_acquire && ev.type == GRPC_OP_COMPLETE) __tsan_acquire(&g_wire);
  return ev;
}
