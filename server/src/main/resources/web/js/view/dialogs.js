// view/dialogs.js — Opens and closes the native <dialog>s the same way everywhere (Escape, backdrop click, Cancel buttons).

export function setupDialog(dialog) {
  dialog.addEventListener('click', (e) => {
    // A click on the backdrop lands on the dialog element itself.
    if (e.target === dialog) dialog.close('cancel');
    if (e.target.closest('[data-action="cancel"]')) dialog.close('cancel');
  });
  return dialog;
}

export function openDialog(dialog, focusSelector) {
  if (!dialog.open) dialog.showModal();
  const target = focusSelector ? dialog.querySelector(focusSelector) : null;
  if (target) target.focus();
}
