"""Plausible wrong answers for Lab 00 (see tests/wrong_answers/__init__.py)."""

WRONG_ANSWERS = {
    "1": [
        ("torch.arange keeps its default int64", "return torch.arange(n_rows * n_cols).reshape(n_rows, n_cols)"),
        ("rows and columns swapped", "return torch.arange(n_rows * n_cols, dtype=torch.float32).reshape(n_cols, n_rows)"),
        ("counts from 1", "return torch.arange(1, n_rows * n_cols + 1, dtype=torch.float32).reshape(n_rows, n_cols)"),
        ("fills column by column",
         "return torch.arange(n_rows * n_cols, dtype=torch.float32).reshape(n_cols, n_rows).T"),
    ],
    "2": [
        ("reshape instead of permute", "n, h, w, c = images.shape\nreturn images.reshape(n, c, h, w)"),
        ("view instead of permute", "n, h, w, c = images.shape\nreturn images.view(n, c, h, w)"),
        ("wrong axis order (N, C, W, H)", "return images.permute(0, 3, 2, 1)"),
        ("right permute but no check of the input's rank", "return images.permute(0, 3, 1, 2)"),
    ],
    "3": [
        ("uint8 addition wraps around", "return image + delta"),
        ("clamp after the wrap-around", "return (image + delta).clamp(0, 255)"),
        ("returns a wider dtype", "return (image.to(torch.int16) + delta).clamp(0, 255)"),
        ("modifies the input in place", "image.copy_((image.to(torch.int16) + delta).clamp(0, 255).to(torch.uint8))\nreturn image"),
    ],
    "4": [
        ("sum instead of mean", "w = w.detach().clone().requires_grad_(True)\n((x @ w - y) ** 2).sum().backward()\nreturn w.grad.detach()"),
        ("backward called twice: gradients accumulate",
         "w = w.detach().clone().requires_grad_(True)\nloss = ((x @ w - y) ** 2).mean()\n"
         "loss.backward(retain_graph=True)\nloss.backward()\nreturn w.grad.detach()"),
        ("forgets the square's factor 2 by hand", "return (x.T @ (x @ w - y) / x.shape[0])"),
        ("returns the gradient still attached to a graph",
         "w = w.detach().clone().requires_grad_(True)\nloss = ((x @ w - y) ** 2).mean()\n"
         "(grad,) = torch.autograd.grad(loss, w, create_graph=True)\nreturn grad"),
    ],
    "5": [
        ("ignores the value returned by .to()",
         "for value in batch.values():\n    if isinstance(value, torch.Tensor):\n        value.to(device)\nreturn batch"),
        ("moves only x", "out = dict(batch)\nout['x'] = batch['x'].to(device)\nreturn out"),
        ("modifies the input dict",
         "for key, value in batch.items():\n    if isinstance(value, torch.Tensor):\n        batch[key] = value.to(device)\nreturn batch"),
        ("drops non-tensor entries", "return {k: v.to(device) for k, v in batch.items() if isinstance(v, torch.Tensor)}"),
    ],
}
