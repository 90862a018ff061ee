import { SubmitEventHandler, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { DefaultValues, FieldValues, Resolver, useForm, UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';

export interface DialogForm<In extends FieldValues, Out> {
  form: UseFormReturn<In, unknown, Out>;
  /** Opens the dialog with a fresh form (the defaults of this moment). */
  show: () => void;
  /** What FormDialog takes: open, onClose, onSubmit, error, busy. */
  dialog: { open: boolean; onClose: () => void; onSubmit: SubmitEventHandler; error: unknown; busy: boolean };
}

/**
 * A form in a FormDialog that makes one API call: validated by its zod schema, the dialog closes
 * on success; on a refusal it stays open with the API's words and what was typed.
 */
export function useDialogForm<S extends z.ZodType<unknown, FieldValues>, R>(
  schema: S,
  defaults: () => z.input<S>,
  send: (values: z.output<S>) => Promise<R>,
  onDone?: (result: R) => void | Promise<void>,
): DialogForm<z.input<S>, z.output<S>> {
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: defaults() as DefaultValues<z.input<S>>,
  });
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (r) => {
      setOpen(false);
      await onDone?.(r);
    },
  });
  return {
    form,
    show: () => {
      form.reset(defaults());
      mutation.reset();
      setOpen(true);
    },
    dialog: {
      open,
      onClose: () => setOpen(false),
      // The mutation keeps its error to show in the dialog, so the submit's promise is let go.
      onSubmit: (e) =>
        void form.handleSubmit((v) =>
          mutation.mutateAsync(v).then(
            () => undefined,
            () => undefined,
          ),
        )(e),
      error: mutation.error,
      busy: mutation.isPending,
    },
  };
}
