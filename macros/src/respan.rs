//! Re-spanning generated tokens onto a user's tokens, so that an unmet trait bound in generated
//! code is reported on the user's field or expression rather than on the whole macro.

use proc_macro2::{Group, Span, TokenStream, TokenTree};

/// `tokens` with every span (groups' included) set to `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}
