//! A freestanding `#![no_std]` binary using tensorize with `default-features = false`.
//!
//! Built by `.ci/run` for the host in the release profile with `panic = "abort"`: if anything in
//! tensorize pulled in `std`, linking would fail with a duplicate `panic_impl` lang item. It links
//! only the C library (for the process entry point and `exit`) and exits 0 when every check
//! holds.
#![no_std]
#![no_main]

use tensorize::{
    cast_into, cast_into_with, f16, include_npy, include_npz, include_safetensors, npy, stack_into,
    tensor, try_cast_into, CastMode, DType, FromTensor, IntoTensor, Tensor,
};

/// A NumPy array embedded at compile time, and the same file parsed at run time from flash.
static TABLE: Tensor<[[i32; 4]; 3]> = include_npy!("../fixtures/npy/i4_v2.npy");
static TABLE_F16: Tensor<[[f16; 3]; 2]> =
    include_npy!("../fixtures/npy/f4_v3.npy"; dtype = f16, cast = round);
static RAW: &[u8] = include_bytes!("../../fixtures/npy/i4_v2.npy");

/// Weights files: a safetensors tensor in place and one converted; a stored `.npz` member in
/// place and a deflated one inflated at compile time.
static IDS: Tensor<[[i32; 2]; 3]> =
    include_safetensors!("../fixtures/safetensors/all_dtypes.safetensors", "i32");
static WIDE: Tensor<[[f64; 1]; 6]> =
    include_safetensors!("../fixtures/safetensors/all_dtypes.safetensors", "i16"; dtype = f64);
static BIAS: Tensor<[f16; 2]> = include_npz!("../fixtures/npz/stored.npz", "bias");
static DEFLATED: Tensor<[[u8; 2]; 3]> =
    include_npz!("../fixtures/npz/compressed.npz", "ids"; dtype = u8);

/// A derived row: converted without allocating.
#[derive(IntoTensor, FromTensor, Clone, Copy)]
#[tensor(dtype = f32)]
struct Reading {
    position: [f32; 2],
    level: u8,
    #[tensor(cast = round)]
    precise: f64,
}

static WEIGHTS: Tensor<[[f32; 3]; 2]> = tensor![[1, 2, 3], [4, 5, 6]; dtype = f32];
static LOOKUP: Tensor<[f16; 3]> = tensor![0.5, 70000.0, -1; dtype = f16, cast = saturate];

fn checks() -> bool {
    let mut widened = [0.0f64; 6];
    cast_into(WEIGHTS.as_slice(), &mut widened);

    let mut halves = [f16::ZERO; 6];
    cast_into_with(&widened, &mut halves, CastMode::Round);

    let mut bytes = [0u8; 2];
    let exact_ok = try_cast_into(&[7i32, 255], &mut bytes).is_ok();
    let inexact_rejected = try_cast_into(&[1.5f32, 0.0], &mut bytes).is_err();

    let readings = [
        Reading {
            position: [1.0, 2.0],
            level: 3,
            precise: 0.25,
        },
        Reading {
            position: [4.0, 5.0],
            level: 6,
            precise: 1e300,
        },
    ];
    let mut batch = [0.0f32; 2 * Reading::NUMEL];
    stack_into(&readings, &mut batch);
    let back = Reading::read_from(&batch[..Reading::NUMEL]);
    let rows_ok = batch == [1.0, 2.0, 3.0, 0.25, 4.0, 5.0, 6.0, f32::MAX]
        && matches!(back, Ok(r) if r.level == 3);

    let reshaped: Tensor<[f32; 6]> = WEIGHTS.reshape();
    WEIGHTS.shape() == [2, 3]
        && WEIGHTS.dtype() == DType::F32
        && widened[5] == 6.0
        && halves[4] == f16::from_f32(5.0)
        && exact_ok
        && inexact_rejected
        && reshaped[5] == WEIGHTS[[1, 2]]
        && LOOKUP[1] == f16::MAX
        && rows_ok
        && TABLE[[2, 3]] == 11
        && TABLE_F16[[1, 2]] == f16::ONE
        && IDS[[0, 1]] == i32::MAX
        && WIDE[[0, 0]] == -32768.0
        && BIAS[1] == f16::from_f32(-1.0)
        && DEFLATED[[2, 1]] == 5
        && matches!(npy::parse(RAW), Ok(view) if view.shape() == [3, 4] && view.dtype() == DType::I32)
}

#[link(name = "c")]
extern "C" {
    fn exit(status: i32) -> !;
}

#[no_mangle]
extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    if checks() {
        0
    } else {
        1
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    // SAFETY: `exit` is the C library's, which this binary links; it never returns.
    unsafe { exit(101) }
}

/// core is precompiled with unwinding; a freestanding binary that links its panicking paths
/// needs this symbol even with `panic = "abort"`.
#[no_mangle]
extern "C" fn rust_eh_personality() {}
