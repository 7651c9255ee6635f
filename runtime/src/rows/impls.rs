//! The provided rows: every element, fixed arrays of rows, `Tensor`, and `&T`.

use core::fmt;

use super::names::NameContext;
use super::{FromTensor, IntoTensor, Mode};
use crate::cast::slice::cast_into_with;
use crate::{bf16, f16, CastError, CastMode, Element, Shape, Tensor};

/// Writes one element converted under `M`.
#[inline]
fn write_element<E: Element, D: Element, M: Mode>(value: E, out: &mut [D]) {
    out[0] = D::from_scalar(value.to_scalar(), M::MODE.unwrap_or(CastMode::As));
}

/// Reads one element under `M`, recording an inexact value in `error`.
#[inline]
fn read_element<E: Element, S: Element, M: Mode>(
    src: &[S],
    base: usize,
    error: &mut Option<CastError>,
) -> E {
    let value = src[0].to_scalar();
    match M::MODE {
        Some(mode) => E::from_scalar(value, mode),
        None => E::exact_from_scalar(value).unwrap_or_else(|| {
            error.get_or_insert(CastError::new(base, value, E::DTYPE));
            E::ZERO
        }),
    }
}

macro_rules! element_rows {
    ($($t:ty),*) => {$(
        impl IntoTensor for $t {
            type Elem = $t;
            const SHAPE: &'static [usize] = &[];
            const NUMEL: usize = 1;

            #[inline]
            fn write_cast<D: Element, M: Mode>(&self, out: &mut [D]) {
                write_element::<$t, D, M>(*self, out);
            }

            fn write_feature_name(_: usize, _: &mut fmt::Formatter<'_>, _: NameContext) -> fmt::Result {
                Ok(())
            }
        }

        impl FromTensor for $t {
            #[inline]
            fn read_cast<S: Element, M: Mode>(
                src: &[S],
                base: usize,
                error: &mut Option<CastError>,
            ) -> $t {
                read_element::<$t, S, M>(src, base, error)
            }
        }
    )*};
}

element_rows!(bool, u8, u16, u32, u64, i8, i16, i32, i64, f16, bf16, f32, f64);

impl<T: IntoTensor, const N: usize> IntoTensor for [T; N] {
    type Elem = T::Elem;
    const SHAPE: &'static [usize] = ArrayShape::<T, N>::SHAPE;
    const NUMEL: usize = N * T::NUMEL;

    #[inline]
    fn write_cast<D: Element, M: Mode>(&self, out: &mut [D]) {
        let out = &mut out[..N * T::NUMEL];
        for (i, item) in self.iter().enumerate() {
            item.write_cast::<D, M>(&mut out[i * T::NUMEL..(i + 1) * T::NUMEL]);
        }
    }

    fn write_feature_name(
        index: usize,
        f: &mut fmt::Formatter<'_>,
        context: NameContext,
    ) -> fmt::Result {
        let inner = T::NUMEL.max(1);
        write!(f, "[{}]", index / inner)?;
        T::write_feature_name(index % inner, f, context.nested())
    }
}

impl<T: FromTensor, const N: usize> FromTensor for [T; N] {
    #[inline]
    fn read_cast<S: Element, M: Mode>(
        src: &[S],
        base: usize,
        error: &mut Option<CastError>,
    ) -> Self {
        core::array::from_fn(|i| {
            let at = i * T::NUMEL;
            T::read_cast::<S, M>(&src[at..at + T::NUMEL], base + at, error)
        })
    }
}

/// `[N, ..T::SHAPE]` as a `'static` slice, built at compile time.
struct ArrayShape<T, const N: usize>(T);
impl<T: IntoTensor, const N: usize> ArrayShape<T, N> {
    const DIMS: ([usize; crate::MAX_RANK], usize) = {
        let mut dims = [0; crate::MAX_RANK];
        dims[0] = N;
        let mut i = 0;
        while i < T::SHAPE.len() && i + 1 < crate::MAX_RANK {
            dims[i + 1] = T::SHAPE[i];
            i += 1;
        }
        (dims, T::SHAPE.len() + 1)
    };
    const ALL: &'static [usize; crate::MAX_RANK] = &Self::DIMS.0;
    const SHAPE: &'static [usize] = Self::ALL.split_at(Self::DIMS.1).0;
}

impl<A: Shape> IntoTensor for Tensor<A> {
    type Elem = A::Elem;
    const SHAPE: &'static [usize] = A::SHAPE;
    const NUMEL: usize = A::NUMEL;

    #[inline]
    fn write_cast<D: Element, M: Mode>(&self, out: &mut [D]) {
        cast_into_with::<A::Elem, D>(self.as_slice(), out, M::MODE.unwrap_or(CastMode::As));
    }

    fn write_feature_name(index: usize, f: &mut fmt::Formatter<'_>, _: NameContext) -> fmt::Result {
        let mut rest = index;
        let mut stride = A::NUMEL;
        for &extent in A::SHAPE {
            stride /= extent.max(1);
            write!(f, "[{}]", rest / stride.max(1))?;
            rest %= stride.max(1);
        }
        Ok(())
    }
}

impl<A: Shape> FromTensor for Tensor<A> {
    fn read_cast<S: Element, M: Mode>(
        src: &[S],
        base: usize,
        error: &mut Option<CastError>,
    ) -> Self {
        let mut out = Tensor::<A>::default();
        for (i, (dst, value)) in out.as_mut_slice().iter_mut().zip(src).enumerate() {
            *dst = read_element::<A::Elem, S, M>(core::slice::from_ref(value), base + i, error);
        }
        out
    }
}

impl<T: IntoTensor + ?Sized> IntoTensor for &T {
    type Elem = T::Elem;
    const SHAPE: &'static [usize] = T::SHAPE;
    const NUMEL: usize = T::NUMEL;

    #[inline]
    fn write_cast<D: Element, M: Mode>(&self, out: &mut [D]) {
        (**self).write_cast::<D, M>(out);
    }

    fn write_feature_name(
        index: usize,
        f: &mut fmt::Formatter<'_>,
        context: NameContext,
    ) -> fmt::Result {
        T::write_feature_name(index, f, context)
    }
}
