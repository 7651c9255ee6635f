//! Collects the errors of one macro invocation so the user sees all of them at once (serde's
//! `Ctxt`).

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;

/// A place to push errors while validating; `check` folds them into one `syn::Error`.
pub(crate) struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Ctxt {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records an error spanned on `span`.
    pub(crate) fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Records an error spanned from `start` to `end` (e.g. a `-` and its literal), the way
    /// `syn::Error::new_spanned` spans several tokens on stable Rust.
    pub(crate) fn error_between(&self, start: Span, end: Span, message: impl Display) {
        let mut first = proc_macro2::Punct::new('-', proc_macro2::Spacing::Alone);
        first.set_span(start);
        let mut last = proc_macro2::Punct::new('-', proc_macro2::Spacing::Alone);
        last.set_span(end);
        let tokens: proc_macro2::TokenStream = [first, last]
            .into_iter()
            .map(proc_macro2::TokenTree::from)
            .collect();
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an already built error.
    pub(crate) fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// Records `error` (one that stops the expansion) and returns every error combined.
    pub(crate) fn fail(self, error: syn::Error) -> syn::Error {
        self.push(error.clone());
        match self.check() {
            Err(combined) => combined,
            Ok(()) => error,
        }
    }

    /// All errors combined into one, or `Ok` if there were none.
    pub(crate) fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.borrow_mut().take().into_iter().flatten();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for rest in errors {
            combined.combine(rest);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        assert!(
            std::thread::panicking() || self.errors.borrow().is_none(),
            "forgot to check for errors"
        );
    }
}
