import { Fragment } from "react";

// A template author's help text: what is between backticks (a path, a command, a key) is shown
// as code and left untranslated; the words around it are the author's, in the reader's language.
export function TextWithCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((piece, index) =>
        index % 2 === 1 ? (
          <code key={index} translate="no" className="rounded bg-slate-100 px-1">
            {piece}
          </code>
        ) : (
          <Fragment key={index}>{piece}</Fragment>
        ),
      )}
    </>
  );
}
